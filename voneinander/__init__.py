"""Voneinander: a platform for inter-municipal digitalization networks."""
