"""The self-assessment: one-time codes, the questionnaire and the assessor's review."""
