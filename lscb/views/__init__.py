"""Pages of the safeguarding board: the dashboard, governance (board, members, subgroups,
meetings, attendance), reviews, the business registers (audits, training, challenge log,
performance data), annual reports and Ofsted's judgement of the board."""
