"""What opendata tells the rest of the platform: ``dataset_changed`` after commit when a
dataset is published, updated or withdrawn (search index, feeds)."""

from django.dispatch import Signal

dataset_changed = Signal()  # kwargs: instance
