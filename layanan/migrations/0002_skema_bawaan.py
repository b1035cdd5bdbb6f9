from django.db import migrations


def muat(apps, schema_editor):
    from layanan.skema_bawaan import muat as muat_skema

    muat_skema(apps.get_model("layanan", "SkemaSurvei"), apps.get_model("layanan", "UnsurSurvei"),
               apps.get_model("layanan", "MutuSurvei"))


class Migration(migrations.Migration):
    dependencies = [("layanan", "0001_awal")]

    operations = [migrations.RunPython(muat, migrations.RunPython.noop)]
