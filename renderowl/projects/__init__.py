"""Projects: the tenant boundary; every other resource belongs to one."""
