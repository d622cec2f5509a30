"""一人一档 (人员档案) and, to come, the annual assessment (年度考核) and due lists."""
