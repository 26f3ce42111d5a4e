"""Case audits: sampling, the audit tool, moderation and the programme views."""
