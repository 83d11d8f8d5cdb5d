"""Language helpers that need to know the current city."""

from django.db import connection


class CityFirstFallbacks(dict):
    """modeltranslation's fallback languages: a text missing in the reader's language is
    shown in the current city's default language first, then in the "default" chain
    (English, then any language it was written in)."""

    def get(self, key, default=None):
        if key == "default":
            return super().get(key, default)
        city_language = getattr(getattr(connection, "tenant", None), "default_language", None)
        own = tuple(super().get(key, default or ()))
        if city_language and city_language != key:
            return (city_language, *own)
        return own
