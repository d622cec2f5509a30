"""平时考核 ("grading": people, per quarter): roster, scheme, scores, close, rankings."""
