/*
 * The ECharts parts the opinion map draws (a scatter of participants, SVG), loaded on demand
 * with the page that shows the map.
 */
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([ScatterChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
