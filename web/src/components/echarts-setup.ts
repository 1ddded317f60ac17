// Register only what the wall uses; importing the whole `echarts` bundle would triple
// the page weight. Add a chart or component here when a screen needs it.
import { use } from 'echarts/core'
import { BarChart, ScatterChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, ScatterChart, GridComponent, TooltipComponent, CanvasRenderer])
