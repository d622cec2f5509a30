"""Who may do what: accounts and sign-in, the role guard, the audit log screen, edit leases."""
