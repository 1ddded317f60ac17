// Register only what the screens use; importing the whole `echarts` bundle would
// triple the page weight. Add a chart or component here when a screen needs it.
import { setPlatformAPI, use } from 'echarts/core'
import { BarChart, LineChart, ScatterChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { detachedContext, recyclingMeasurer } from '../lib/measure-text'

use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

// Label widths are measured on a canvas that is replaced now and then, so Chromium's
// per-canvas text cache cannot grow for the life of a wall (see lib/measure-text.ts).
setPlatformAPI({ measureText: recyclingMeasurer({ createContext: detachedContext }) })
