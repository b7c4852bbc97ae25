"""`netui sync`: two-way sync of contacts with a vdir (what vdirsyncer syncs with any
CardDAV server) and of events with a calendar vdir (CalDAV)."""
