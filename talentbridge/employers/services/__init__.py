"""The employers service layer, by topic: ``register`` (companies, sites, contacts),
``interactions`` (contact history, follow-ups), ``needs`` and ``demand`` (the demand map),
``openings``, ``portal`` (employer users), ``suggest`` (ESCO suggestions from free text).
Views, the API and the commands call these modules and nothing else."""
