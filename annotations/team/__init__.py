"""Team review: merging reviewers' copies of a project, and how far their layers agree."""
