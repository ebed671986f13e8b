"""Panels (MARAC forums, the tenants), agencies and their membership."""
