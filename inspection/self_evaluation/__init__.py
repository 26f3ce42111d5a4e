"""The annual self-evaluation: versions, evidence, key figures and comparison."""
