"""Activity files (FIT, GPX, TCX, Strava exports) → ``domain.Activity``; wraps library errors."""
