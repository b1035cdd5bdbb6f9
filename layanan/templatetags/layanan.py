from django import template

from ..teks import komponen_html

register = template.Library()


@register.filter
def komponen(teks: str):
    """`{{ versi.persyaratan|komponen }}`: the component as sanitised HTML."""
    return komponen_html(teks)
