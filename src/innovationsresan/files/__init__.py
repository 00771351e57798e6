"""The file edge: reading and writing responses, plans, journeys; JSON output; atomic writes."""
