"""Pages of the College, one module per part of the journey: `requests` (the researcher),
`coordination` (triage, reviewers, rounds), `reviewing` (the reviewer), `reports`
(consolidation, report and certificate documents), `pool` (the College's members). Thin views:
fetch and authorise with `queries` (`lookups`), validate with a form, call one service,
respond."""
