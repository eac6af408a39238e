"""Caption templates: reusable styles with typed variables."""
