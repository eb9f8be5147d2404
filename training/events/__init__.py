"""The event annotations and the event model's training (docs/annotation.md, docs/events.md)."""
