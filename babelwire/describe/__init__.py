"""What an analyst reads about an event, built from the store (describe/event.py).

Nothing is imported here: the store reads the headline rule (describe/headline.py)
without loading the describers, which themselves read the store.
"""
