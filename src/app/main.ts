// Entry point of the browser app: defining the shell defines everything it renders.
import './budget-sim-app.component.ts';
