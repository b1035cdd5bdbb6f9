"""Admin of layanan: sop."""
