"""HTTP views, one blueprint per surface."""
