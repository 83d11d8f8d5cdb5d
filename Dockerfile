# The production image the Helm chart runs (see the README's production guide).
FROM python:3.11-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir . \
 && PYTHONPATH=/app:/app/platform python -m innovato.catalogs \
 && PYTHONPATH=/app:/app/platform SECRET_KEY=build DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput \
 && useradd --uid 1000 innovato && mkdir -p var/media && chown -R innovato var
USER 1000
ENV PYTHONPATH=/app:/app/platform DJANGO_SETTINGS_MODULE=innovato.settings
EXPOSE 8000
CMD ["gunicorn", "--pythonpath", "platform", "innovato.wsgi", "--bind", "0.0.0.0:8000"]
