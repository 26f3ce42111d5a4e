"""The managers' and members' dashboards: the figures inspectors ask for first, against the
council's targets, with their trend over twelve months and the children behind each number."""
