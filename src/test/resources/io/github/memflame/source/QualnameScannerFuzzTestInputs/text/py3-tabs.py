# Indented with tabs only.
class TabClass:
	def method(self):
		if True:
			return 1
		return 2

	def other(self):
		def inner():
			pass
		return inner


def after_tabs():
	pass
