"""Admin of layanan: konsultasi."""
