"""The notes' homework as exercises: students write the lines, we check them without running them as Python."""
