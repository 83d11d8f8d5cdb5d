from django.db import migrations

PLANS = [
    {"code": "starter", "name": "Starter", "amount_cents": 49000, "interval": "month"},
    {"code": "network", "name": "Network", "amount_cents": 490000, "interval": "year"},
]


def add_plans(apps, schema_editor):
    if schema_editor.connection.schema_name != "public":
        return
    Plan = apps.get_model("billing", "Plan")
    for plan in PLANS:
        Plan.objects.get_or_create(code=plan["code"], defaults=plan)


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]
    operations = [migrations.RunPython(add_plans, migrations.RunPython.noop)]
