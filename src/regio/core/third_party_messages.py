"""Messages of third-party apps that Regio shows but whose Dutch catalogue lacks them.

django-simple-history (3.13) ships no ``nl`` catalogue, yet its strings appear in the
administration (history pages) and, through ``get_history_type_display``, in each topic's
change history; Django 5.2's ``nl`` admin catalogue lacks two new column headings. Listing
them here lets ``makemessages`` keep them in Regio's own catalogue, which Django consults
first (LOCALE_PATHS). ``gettext_noop`` only marks the strings; nothing imports this module.
"""

from django.utils.translation import gettext_noop

THIRD_PARTY_MESSAGES = (
    # django-simple-history: history types
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Deleted %(type_name)s"),
    # django-simple-history: admin views and templates
    gettext_noop("View history: %s"),
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop("You may edit it again below"),
    gettext_noop("Revert %s"),
    gettext_noop("Choose a date from the list below to revert to a previous version of this object."),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("Object"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
    # django.contrib.admin 5.2: visually hidden column headings on the index page
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Model name"),
)
