import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import { defineAsyncComponent } from 'vue';
import Demo from './components/Demo.vue';
import LessonGrid from './components/LessonGrid.vue';
import PlotFigure from './components/PlotFigure.vue';
import './style.css';
import './a11y.css';
import './lesson.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('PlotFigure', PlotFigure);
    app.component('Demo', Demo);
    app.component('LessonGrid', LessonGrid);
    // The demos' code (and the packages they use) is only fetched when a reader starts one.
    app.component(
      'ShallowDemo',
      defineAsyncComponent(() => import('./components/ShallowDemo.vue')),
    );
    app.component(
      'OptimizerDemo',
      defineAsyncComponent(() => import('./components/OptimizerDemo.vue')),
    );
    app.component(
      'TrainDemo',
      defineAsyncComponent(() => import('./components/TrainDemo.vue')),
    );
    app.component(
      'DoubleDescentDemo',
      defineAsyncComponent(() => import('./components/DoubleDescentDemo.vue')),
    );
    app.component(
      'RegressionDemo',
      defineAsyncComponent(() => import('./components/RegressionDemo.vue')),
    );
    app.component(
      'MnistCnnDemo',
      defineAsyncComponent(() => import('./components/MnistCnnDemo.vue')),
    );
    // The lesson's exercises: the editor's code (CodeMirror) loads on the pages that hold it, the
    // checker (exercise-worker.ts) on the first Run or Check.
    app.component(
      'ExerciseEditor',
      defineAsyncComponent(() => import('./components/ExerciseEditor.vue')),
    );
    app.component(
      'Gpt2Demo',
      defineAsyncComponent(() => import('./components/Gpt2Demo.vue')),
    );
  },
} satisfies Theme;
