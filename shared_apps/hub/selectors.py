from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import get_language_info

from tenants.models import City
from tenants.selectors import cities_listed, city_primary_hostname


@dataclass(frozen=True)
class CityLink:
    city: City
    url: str
    language_names: list[str]


def city_url(request: HttpRequest, city: City) -> str:
    """Absolute URL of a city's site, on the scheme and port this request came in on."""
    port = request.get_port()
    suffix = "" if port in ("80", "443") else f":{port}"
    return f"{request.scheme}://{city_primary_hostname(city)}{suffix}/"


def network_cities(request: HttpRequest) -> list[CityLink]:
    return [
        CityLink(
            city=city,
            url=city_url(request, city),
            language_names=[get_language_info(code)["name_local"]
                            for code in city.enabled_languages],
        )
        for city in cities_listed()
    ]
