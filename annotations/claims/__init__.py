"""Claims across articles: the same stated quantity found in many articles, grouped, checked
for conflicts and judged once (issue 16). No Qt, no store import at package level: `model`
(the dataclasses), `conflicts` (which figures cannot both be true), `suggest` (grouping)."""
