"""Admin of layanan: peta."""
