"""Inspection records, their timetables and the next-inspection forecast."""
