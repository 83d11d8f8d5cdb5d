"""django-tenants' PostgreSQL backend, keeping a persistent connection's search_path."""
