-- The tables and indexes of schema version 6 on PostgreSQL, FROZEN (issue 17).
--
-- Generated once (2026-12-07) from the models with
-- CreateTable(...).compile(dialect=postgresql.dialect()) and CreateIndex(...), with the
-- columns in the order SQLite migrations 0001-0006 leave them (0006 appended
-- annual_assessment's five columns, 0003 check_record.draft with its DEFAULT) and
-- checked against a v6 SQLite file: same tables, columns, types, constraint names and
-- indexes. Every text column is COLLATE "C": texts compare byte by byte, as SQLite's
-- BINARY collation compares them (period texts, months, names), whatever the locale
-- the server's administrator created the database with. Never edit this file: later schema changes are new Alembic revisions that
-- run on both dialects. postgresql_baseline.py adds the triggers and app_meta rows.
-- Statements are separated by ";" at the end of a line (the loader splits there).

CREATE TABLE account (
    id SERIAL NOT NULL,
    username VARCHAR(40) COLLATE "C" NOT NULL,
    display_name VARCHAR(40) COLLATE "C" NOT NULL,
    role VARCHAR(20) COLLATE "C" NOT NULL,
    password_hash VARCHAR(200) COLLATE "C" NOT NULL,
    failed_logins INTEGER NOT NULL,
    locked_until VARCHAR(32) COLLATE "C",
    active BOOLEAN NOT NULL,
    version INTEGER NOT NULL,
    CONSTRAINT pk_account PRIMARY KEY (id),
    CONSTRAINT uq_account_username UNIQUE (username)
);
CREATE TABLE app_meta (
    key VARCHAR(40) COLLATE "C" NOT NULL,
    value TEXT COLLATE "C" NOT NULL,
    CONSTRAINT pk_app_meta PRIMARY KEY (key)
);
CREATE TABLE audit_log (
    id SERIAL NOT NULL,
    at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    account VARCHAR(40) COLLATE "C" NOT NULL,
    action VARCHAR(10) COLLATE "C" NOT NULL,
    entity VARCHAR(40) COLLATE "C" NOT NULL,
    entity_id VARCHAR(40) COLLATE "C" NOT NULL,
    label VARCHAR(200) COLLATE "C",
    before_json TEXT COLLATE "C",
    after_json TEXT COLLATE "C",
    prev_hash VARCHAR(64) COLLATE "C" NOT NULL,
    hash VARCHAR(64) COLLATE "C" NOT NULL,
    CONSTRAINT pk_audit_log PRIMARY KEY (id)
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity);
CREATE TABLE bulletin (
    id SERIAL NOT NULL,
    period VARCHAR(10) COLLATE "C" NOT NULL,
    edition INTEGER NOT NULL,
    year INTEGER NOT NULL,
    serial INTEGER NOT NULL,
    title VARCHAR(200) COLLATE "C" NOT NULL,
    doc_no VARCHAR(60) COLLATE "C" NOT NULL,
    issued_on DATE NOT NULL,
    summary TEXT COLLATE "C",
    content_json TEXT COLLATE "C" NOT NULL,
    created_by VARCHAR(40) COLLATE "C" NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    version INTEGER NOT NULL,
    CONSTRAINT pk_bulletin PRIMARY KEY (id),
    CONSTRAINT uq_bulletin_period_edition UNIQUE (period, edition)
);
CREATE INDEX ix_bulletin_period ON bulletin (period);
CREATE TABLE bureau (
    id SERIAL NOT NULL,
    name VARCHAR(100) COLLATE "C" NOT NULL,
    version INTEGER NOT NULL,
    CONSTRAINT pk_bureau PRIMARY KEY (id)
);
CREATE TABLE check_sample (
    id SERIAL NOT NULL,
    period VARCHAR(10) COLLATE "C" NOT NULL,
    seed VARCHAR(40) COLLATE "C" NOT NULL,
    share_percent INTEGER,
    requested INTEGER,
    population INTEGER NOT NULL,
    drawn_json TEXT COLLATE "C" NOT NULL,
    drawn_by VARCHAR(40) COLLATE "C" NOT NULL,
    drawn_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    CONSTRAINT pk_check_sample PRIMARY KEY (id)
);
CREATE INDEX ix_check_sample_period ON check_sample (period);
CREATE TABLE department (
    id SERIAL NOT NULL,
    name VARCHAR(60) COLLATE "C" NOT NULL,
    group_name VARCHAR(40) COLLATE "C",
    kind VARCHAR(20) COLLATE "C",
    sort_order INTEGER NOT NULL,
    retired BOOLEAN NOT NULL,
    version INTEGER NOT NULL,
    CONSTRAINT pk_department PRIMARY KEY (id),
    CONSTRAINT uq_department_name UNIQUE (name)
);
CREATE TABLE edit_lease (
    scope VARCHAR(80) COLLATE "C" NOT NULL,
    label VARCHAR(200) COLLATE "C" NOT NULL,
    holder VARCHAR(40) COLLATE "C" NOT NULL,
    holder_name VARCHAR(40) COLLATE "C" NOT NULL,
    workstation VARCHAR(120) COLLATE "C" NOT NULL,
    token VARCHAR(36) COLLATE "C" NOT NULL,
    acquired_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    CONSTRAINT pk_edit_lease PRIMARY KEY (scope)
);
CREATE TABLE period_lock (
    id SERIAL NOT NULL,
    period VARCHAR(10) COLLATE "C" NOT NULL,
    first_month VARCHAR(7) COLLATE "C" NOT NULL,
    last_month VARCHAR(7) COLLATE "C" NOT NULL,
    closed_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    closed_by VARCHAR(40) COLLATE "C" NOT NULL,
    close_note TEXT COLLATE "C",
    reopened_at TIMESTAMP WITHOUT TIME ZONE,
    reopened_by VARCHAR(40) COLLATE "C",
    reopen_reason TEXT COLLATE "C",
    version INTEGER NOT NULL,
    CONSTRAINT pk_period_lock PRIMARY KEY (id)
);
CREATE INDEX ix_period_lock_period ON period_lock (period);
CREATE TABLE scheme (
    id SERIAL NOT NULL,
    period VARCHAR(10) COLLATE "C" NOT NULL,
    rules_json TEXT COLLATE "C" NOT NULL,
    frozen_at TIMESTAMP WITHOUT TIME ZONE,
    version INTEGER NOT NULL,
    CONSTRAINT pk_scheme PRIMARY KEY (id),
    CONSTRAINT uq_scheme_period UNIQUE (period)
);
CREATE TABLE staff_category (
    id SERIAL NOT NULL,
    name VARCHAR(40) COLLATE "C" NOT NULL,
    sort_order INTEGER NOT NULL,
    version INTEGER NOT NULL,
    CONSTRAINT pk_staff_category PRIMARY KEY (id),
    CONSTRAINT uq_staff_category_name UNIQUE (name)
);
CREATE TABLE department_score (
    id SERIAL NOT NULL,
    half VARCHAR(10) COLLATE "C" NOT NULL,
    department_id INTEGER NOT NULL,
    business INTEGER NOT NULL,
    integrity INTEGER NOT NULL,
    civility INTEGER NOT NULL,
    attendance INTEGER NOT NULL,
    bonus INTEGER NOT NULL,
    total INTEGER NOT NULL,
    rank_in_group INTEGER,
    rank_overall INTEGER,
    grade VARCHAR(20) COLLATE "C",
    advanced BOOLEAN NOT NULL,
    flagged BOOLEAN NOT NULL,
    computed_at TIMESTAMP WITHOUT TIME ZONE,
    version INTEGER NOT NULL,
    CONSTRAINT pk_department_score PRIMARY KEY (id),
    CONSTRAINT uq_department_score_half_department_id UNIQUE (half, department_id),
    CONSTRAINT fk_department_score_department_id_department FOREIGN KEY(department_id) REFERENCES department (id)
);
CREATE TABLE ledger_task (
    id SERIAL NOT NULL,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    title VARCHAR(200) COLLATE "C" NOT NULL,
    target TEXT COLLATE "C",
    category VARCHAR(20) COLLATE "C" NOT NULL,
    lead_department_id INTEGER NOT NULL,
    deadline VARCHAR(40) COLLATE "C" NOT NULL,
    points INTEGER NOT NULL,
    source VARCHAR(100) COLLATE "C",
    note TEXT COLLATE "C",
    version INTEGER NOT NULL,
    CONSTRAINT pk_ledger_task PRIMARY KEY (id),
    CONSTRAINT uq_ledger_task_year_seq UNIQUE (year, seq),
    CONSTRAINT fk_ledger_task_lead_department_id_department FOREIGN KEY(lead_department_id) REFERENCES department (id)
);
CREATE INDEX ix_ledger_task_year ON ledger_task (year);
CREATE TABLE notice (
    id SERIAL NOT NULL,
    number VARCHAR(40) COLLATE "C" NOT NULL,
    year INTEGER NOT NULL,
    serial INTEGER NOT NULL,
    color VARCHAR(10) COLLATE "C" NOT NULL,
    department_id INTEGER NOT NULL,
    period VARCHAR(10) COLLATE "C" NOT NULL,
    issued_on DATE NOT NULL,
    deadline DATE NOT NULL,
    content TEXT COLLATE "C" NOT NULL,
    deduction INTEGER,
    deduction_category VARCHAR(20) COLLATE "C",
    closed BOOLEAN NOT NULL,
    issued_by VARCHAR(40) COLLATE "C" NOT NULL,
    version INTEGER NOT NULL,
    CONSTRAINT pk_notice PRIMARY KEY (id),
    CONSTRAINT uq_notice_year_serial UNIQUE (year, serial),
    CONSTRAINT uq_notice_number UNIQUE (number),
    CONSTRAINT fk_notice_department_id_department FOREIGN KEY(department_id) REFERENCES department (id)
);
CREATE TABLE person (
    id SERIAL NOT NULL,
    code VARCHAR(30) COLLATE "C" NOT NULL,
    name VARCHAR(40) COLLATE "C" NOT NULL,
    gender VARCHAR(10) COLLATE "C",
    birth_date DATE,
    political_status VARCHAR(20) COLLATE "C",
    department_id INTEGER NOT NULL,
    position VARCHAR(40) COLLATE "C",
    category_id INTEGER NOT NULL,
    key_post BOOLEAN NOT NULL,
    work_start DATE,
    status VARCHAR(20) COLLATE "C" NOT NULL,
    version INTEGER NOT NULL,
    CONSTRAINT pk_person PRIMARY KEY (id),
    CONSTRAINT uq_person_code UNIQUE (code),
    CONSTRAINT fk_person_department_id_department FOREIGN KEY(department_id) REFERENCES department (id),
    CONSTRAINT fk_person_category_id_staff_category FOREIGN KEY(category_id) REFERENCES staff_category (id)
);
CREATE INDEX ix_person_category_id ON person (category_id);
CREATE INDEX ix_person_department_id ON person (department_id);
CREATE TABLE score_decision (
    id SERIAL NOT NULL,
    half VARCHAR(10) COLLATE "C" NOT NULL,
    department_id INTEGER NOT NULL,
    grade VARCHAR(20) COLLATE "C" NOT NULL,
    reason TEXT COLLATE "C" NOT NULL,
    decided_by VARCHAR(40) COLLATE "C" NOT NULL,
    decided_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    version INTEGER NOT NULL,
    CONSTRAINT pk_score_decision PRIMARY KEY (id),
    CONSTRAINT uq_score_decision_half_department_id UNIQUE (half, department_id),
    CONSTRAINT fk_score_decision_department_id_department FOREIGN KEY(department_id) REFERENCES department (id)
);
CREATE TABLE veto (
    id SERIAL NOT NULL,
    half VARCHAR(10) COLLATE "C" NOT NULL,
    department_id INTEGER NOT NULL,
    reason TEXT COLLATE "C" NOT NULL,
    doc_no VARCHAR(60) COLLATE "C",
    decided_on DATE,
    version INTEGER NOT NULL,
    CONSTRAINT pk_veto PRIMARY KEY (id),
    CONSTRAINT uq_veto_half_department_id_reason UNIQUE (half, department_id, reason),
    CONSTRAINT fk_veto_department_id_department FOREIGN KEY(department_id) REFERENCES department (id)
);
CREATE INDEX ix_veto_half ON veto (half);
CREATE TABLE adjustment (
    id SERIAL NOT NULL,
    half VARCHAR(10) COLLATE "C" NOT NULL,
    department_id INTEGER NOT NULL,
    category VARCHAR(20) COLLATE "C" NOT NULL,
    points INTEGER NOT NULL,
    level VARCHAR(20) COLLATE "C",
    reason TEXT COLLATE "C" NOT NULL,
    doc_no VARCHAR(60) COLLATE "C",
    adjusted_on DATE,
    notice_id INTEGER,
    version INTEGER NOT NULL,
    CONSTRAINT pk_adjustment PRIMARY KEY (id),
    CONSTRAINT fk_adjustment_department_id_department FOREIGN KEY(department_id) REFERENCES department (id),
    CONSTRAINT fk_adjustment_notice_id_notice FOREIGN KEY(notice_id) REFERENCES notice (id)
);
CREATE INDEX ix_adjustment_half ON adjustment (half);
CREATE TABLE annual_assessment (
    id SERIAL NOT NULL,
    year INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    grade VARCHAR(30) COLLATE "C",
    recommended BOOLEAN NOT NULL,
    note TEXT COLLATE "C",
    decided_on DATE,
    version INTEGER NOT NULL,
    reason TEXT COLLATE "C",
    final_grade VARCHAR(30) COLLATE "C",
    eligible BOOLEAN,
    good_count INTEGER,
    limits TEXT COLLATE "C",
    CONSTRAINT pk_annual_assessment PRIMARY KEY (id),
    CONSTRAINT uq_annual_assessment_year_person_id UNIQUE (year, person_id),
    CONSTRAINT fk_annual_assessment_person_id_person FOREIGN KEY(person_id) REFERENCES person (id)
);
CREATE INDEX ix_annual_assessment_year ON annual_assessment (year);
CREATE TABLE check_record (
    id SERIAL NOT NULL,
    task_id INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    period VARCHAR(10) COLLATE "C" NOT NULL,
    status VARCHAR(20) COLLATE "C" NOT NULL,
    actual TEXT COLLATE "C",
    evidence_text TEXT COLLATE "C",
    level VARCHAR(20) COLLATE "C" NOT NULL,
    checker VARCHAR(40) COLLATE "C",
    check_date DATE,
    version INTEGER NOT NULL,
    draft BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT pk_check_record PRIMARY KEY (id),
    CONSTRAINT uq_check_record_task_id_department_id_period_level UNIQUE (task_id, department_id, period, level),
    CONSTRAINT fk_check_record_task_id_ledger_task FOREIGN KEY(task_id) REFERENCES ledger_task (id),
    CONSTRAINT fk_check_record_department_id_department FOREIGN KEY(department_id) REFERENCES department (id)
);
CREATE INDEX ix_check_record_period ON check_record (period);
CREATE INDEX ix_check_record_task_id ON check_record (task_id);
CREATE TABLE commendation (
    id SERIAL NOT NULL,
    person_id INTEGER NOT NULL,
    awarded_on DATE NOT NULL,
    type VARCHAR(30) COLLATE "C" NOT NULL,
    reason TEXT COLLATE "C",
    doc_no VARCHAR(60) COLLATE "C",
    impact_until DATE,
    version INTEGER NOT NULL,
    CONSTRAINT pk_commendation PRIMARY KEY (id),
    CONSTRAINT fk_commendation_person_id_person FOREIGN KEY(person_id) REFERENCES person (id)
);
CREATE INDEX ix_commendation_person_id ON commendation (person_id);
CREATE TABLE comment (
    id SERIAL NOT NULL,
    person_id INTEGER NOT NULL,
    commented_on DATE NOT NULL,
    kind VARCHAR(20) COLLATE "C" NOT NULL,
    points INTEGER NOT NULL,
    text TEXT COLLATE "C" NOT NULL,
    version INTEGER NOT NULL,
    CONSTRAINT pk_comment PRIMARY KEY (id),
    CONSTRAINT fk_comment_person_id_person FOREIGN KEY(person_id) REFERENCES person (id)
);
CREATE INDEX ix_comment_commented_on ON comment (commented_on);
CREATE INDEX ix_comment_person_id ON comment (person_id);
CREATE TABLE discipline (
    id SERIAL NOT NULL,
    person_id INTEGER NOT NULL,
    decided_on DATE NOT NULL,
    type VARCHAR(30) COLLATE "C" NOT NULL,
    reason TEXT COLLATE "C",
    doc_no VARCHAR(60) COLLATE "C",
    impact_until DATE,
    version INTEGER NOT NULL,
    CONSTRAINT pk_discipline PRIMARY KEY (id),
    CONSTRAINT fk_discipline_person_id_person FOREIGN KEY(person_id) REFERENCES person (id)
);
CREATE INDEX ix_discipline_person_id ON discipline (person_id);
CREATE TABLE person_department (
    id SERIAL NOT NULL,
    person_id INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    CONSTRAINT pk_person_department PRIMARY KEY (id),
    CONSTRAINT fk_person_department_person_id_person FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE,
    CONSTRAINT fk_person_department_department_id_department FOREIGN KEY(department_id) REFERENCES department (id)
);
CREATE INDEX ix_person_department_person_start ON person_department (person_id, start_date);
CREATE TABLE quarterly_assessment (
    id SERIAL NOT NULL,
    quarter VARCHAR(10) COLLATE "C" NOT NULL,
    person_id INTEGER NOT NULL,
    performance INTEGER,
    leader INTEGER,
    comment_points INTEGER,
    composite INTEGER,
    grade VARCHAR(20) COLLATE "C",
    override VARCHAR(20) COLLATE "C",
    override_reason TEXT COLLATE "C",
    no_grade_reason VARCHAR(20) COLLATE "C",
    rank INTEGER,
    tie_flag BOOLEAN NOT NULL,
    version INTEGER NOT NULL,
    CONSTRAINT pk_quarterly_assessment PRIMARY KEY (id),
    CONSTRAINT uq_quarterly_assessment_quarter_person_id UNIQUE (quarter, person_id),
    CONSTRAINT fk_quarterly_assessment_person_id_person FOREIGN KEY(person_id) REFERENCES person (id)
);
CREATE INDEX ix_quarterly_assessment_person_id ON quarterly_assessment (person_id);
CREATE INDEX ix_quarterly_assessment_quarter ON quarterly_assessment (quarter);
CREATE TABLE talk (
    id SERIAL NOT NULL,
    person_id INTEGER NOT NULL,
    talked_on DATE NOT NULL,
    talker VARCHAR(40) COLLATE "C" NOT NULL,
    kind VARCHAR(30) COLLATE "C",
    summary TEXT COLLATE "C",
    version INTEGER NOT NULL,
    CONSTRAINT pk_talk PRIMARY KEY (id),
    CONSTRAINT fk_talk_person_id_person FOREIGN KEY(person_id) REFERENCES person (id)
);
CREATE INDEX ix_talk_person_id ON talk (person_id);
CREATE TABLE task_department (
    task_id INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    CONSTRAINT pk_task_department PRIMARY KEY (task_id, department_id),
    CONSTRAINT fk_task_department_task_id_ledger_task FOREIGN KEY(task_id) REFERENCES ledger_task (id) ON DELETE CASCADE,
    CONSTRAINT fk_task_department_department_id_department FOREIGN KEY(department_id) REFERENCES department (id)
);
CREATE TABLE evidence_file (
    id SERIAL NOT NULL,
    check_id INTEGER NOT NULL,
    file_name VARCHAR(200) COLLATE "C" NOT NULL,
    description TEXT COLLATE "C",
    sha256 VARCHAR(64) COLLATE "C" NOT NULL,
    size_bytes INTEGER NOT NULL,
    media_type VARCHAR(80) COLLATE "C" NOT NULL,
    added_by VARCHAR(40) COLLATE "C" NOT NULL,
    added_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    version INTEGER NOT NULL,
    CONSTRAINT pk_evidence_file PRIMARY KEY (id),
    CONSTRAINT fk_evidence_file_check_id_check_record FOREIGN KEY(check_id) REFERENCES check_record (id)
);
CREATE INDEX ix_evidence_file_check_id ON evidence_file (check_id);
CREATE INDEX ix_evidence_file_sha256 ON evidence_file (sha256);
CREATE TABLE notice_task (
    notice_id INTEGER NOT NULL,
    task_id INTEGER NOT NULL,
    check_id INTEGER,
    position INTEGER NOT NULL,
    CONSTRAINT pk_notice_task PRIMARY KEY (notice_id, task_id),
    CONSTRAINT fk_notice_task_notice_id_notice FOREIGN KEY(notice_id) REFERENCES notice (id) ON DELETE CASCADE,
    CONSTRAINT fk_notice_task_task_id_ledger_task FOREIGN KEY(task_id) REFERENCES ledger_task (id),
    CONSTRAINT fk_notice_task_check_id_check_record FOREIGN KEY(check_id) REFERENCES check_record (id)
);
CREATE INDEX ix_notice_task_check_id ON notice_task (check_id);
CREATE TABLE rectification (
    id SERIAL NOT NULL,
    notice_id INTEGER,
    check_id INTEGER,
    department_id INTEGER NOT NULL,
    target TEXT COLLATE "C" NOT NULL,
    items TEXT COLLATE "C" NOT NULL,
    deadline DATE NOT NULL,
    measures TEXT COLLATE "C" NOT NULL,
    result TEXT COLLATE "C",
    verified BOOLEAN NOT NULL,
    verified_by VARCHAR(40) COLLATE "C",
    verified_on DATE,
    version INTEGER NOT NULL,
    CONSTRAINT pk_rectification PRIMARY KEY (id),
    CONSTRAINT fk_rectification_notice_id_notice FOREIGN KEY(notice_id) REFERENCES notice (id),
    CONSTRAINT fk_rectification_check_id_check_record FOREIGN KEY(check_id) REFERENCES check_record (id),
    CONSTRAINT fk_rectification_department_id_department FOREIGN KEY(department_id) REFERENCES department (id)
);
