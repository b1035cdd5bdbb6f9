"""Admin of layanan: rumpun."""
