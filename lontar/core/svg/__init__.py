"""Server-rendered, accessible SVG charts and the NTT kabupaten/kota map.

Every helper returns a :class:`Chart` (SVG markup + a data table alternative); render it with
``{% include "core/_chart.html" with chart=chart %}``. Pure Python: no database, no JavaScript.
"""

from lontar.core.svg.bar import bar_chart
from lontar.core.svg.base import Chart
from lontar.core.svg.kabkota_map import kabkota_map
from lontar.core.svg.line import line_chart
from lontar.core.svg.radar import radar_chart

__all__ = ["Chart", "bar_chart", "kabkota_map", "line_chart", "radar_chart"]
