"""Pages about children: lists, the child's record and chronology, recording, caseloads."""
