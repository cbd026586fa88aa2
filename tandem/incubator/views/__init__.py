"""The incubator's pages, by subject: projects, the portfolio and contributions, support
requests, the library and agreements, working groups, and the public pages."""
