"""The incubator's pages, by subject: projects, support requests, the library and
agreements, working groups, and the public pages."""
