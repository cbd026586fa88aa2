"""Pages of events and training, by subject: the public calendar and events (`public`), a
person's registrations (`registrations`), proposals and the officers' management (`manage`) and
travel expenses (`claims`). Thin: fetch and authorise (queries, rules), validate (forms), call
one service, respond."""
