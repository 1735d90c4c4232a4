"""Plans: model, rules, progression, seasons, safety checks, compliance and adaptation."""
