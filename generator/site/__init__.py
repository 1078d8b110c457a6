"""MkDocs-side helpers: the incremental build plugin (see generator.site.incremental)."""
