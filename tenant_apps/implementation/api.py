from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    """Add this app's API viewsets to the city's router."""
