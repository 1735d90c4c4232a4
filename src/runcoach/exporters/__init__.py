"""Domain → files runners use: iCalendar, FIT workouts, CSV/JSON, the HTML report and charts."""
