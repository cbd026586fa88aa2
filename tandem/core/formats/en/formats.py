"""English date formats: Django's, with the time as "5:07 AM" rather than "5:07 a.m.", whose
period doubled the one ending a sentence ("Please answer by 12/06/2026 5:07 a.m..")."""

DATETIME_FORMAT = "N j, Y, g:i A"
SHORT_DATETIME_FORMAT = "m/d/Y g:i A"
TIME_FORMAT = "g:i A"
