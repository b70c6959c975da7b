import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import { defineAsyncComponent } from 'vue';
import ConceptCheck from './components/ConceptCheck.vue';
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
    // a lesson's concept-check questions (scripts/course.ts), small and on every lesson page
    app.component('ConceptCheck', ConceptCheck);
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
      'BoundaryDemo',
      defineAsyncComponent(() => import('./components/BoundaryDemo.vue')),
    );
    app.component(
      'RegressionDemo',
      defineAsyncComponent(() => import('./components/RegressionDemo.vue')),
    );
    app.component(
      'ConvDemo',
      defineAsyncComponent(() => import('./components/ConvDemo.vue')),
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
